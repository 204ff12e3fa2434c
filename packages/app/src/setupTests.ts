import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs several test files at once on 2 cores, where rendering a whole tab or app page can
// take several seconds: give queries and tests room, so that slowness is not a failure.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
