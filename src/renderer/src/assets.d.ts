// Vite bundles the CSS a module imports; there is nothing to type.
declare module '*.css';
