console.log('maxtryx reference server: not implemented yet');
