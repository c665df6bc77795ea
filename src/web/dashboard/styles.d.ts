// Vite bundles the stylesheets a page imports; TypeScript only needs to know they exist.
declare module '*.css';
