// The benchmarks are Node scripts outside any package, linted as a Node library's code. They
// measure the backend's own classes (the catalog reader, the store), so they import its src.
module.exports =
  require('@backstage/cli/config/eslint-factory').createConfigForRole(
    __dirname,
    'node-library',
    { rules: { '@backstage/no-forbidden-package-imports': 'off' } },
  );
