import { Testing } from 'cdktf';
// The matchers' type declarations (jest.Matchers augmentation).
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
