import { defineConfig } from 'tsup';
import { neutralPackage } from '../../tsup.neutral.js';

// Built for a neutral platform: a Node built-in imported anywhere in this package
// fails the build, which keeps the package browser-safe.
export default defineConfig(neutralPackage);
