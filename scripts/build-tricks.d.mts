import type { Metafile, Plugin } from "esbuild";

export class BuildTrickError extends Error {
  readonly trick: string;
  constructor(trick: string, message: string);
}

export interface BuildTrick {
  name: string;
  plugin: Plugin;
  verify(metafile: Metafile): void;
}

export function ajvStub(filter?: RegExp): BuildTrick;
export function prebuiltDescriptors(descriptors: string, filter?: RegExp): BuildTrick;
