export * from './policy-rule-content.js';
