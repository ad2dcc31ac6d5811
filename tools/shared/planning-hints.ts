/**
 * Finder sentences for the planning resources (portfolios, goals), for error messages of tools in
 * other resources that take their ids (see hints.ts for the everyday ones).
 */
export const findPortfolioHint = "Find portfolio ids with Asana_ListPortfolios.";
export const findGoalHint = "Find goal ids with Asana_ListGoals.";
