// Runs every benchmark of the workspace. Each prints ratios against a baseline measured in the same run.
console.log('no benchmarks yet');
