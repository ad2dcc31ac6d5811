/** Where Asana's REST API lives below the host: https://app.asana.com/api/1.0 */
export const apiBasePath = "/api/1.0";
