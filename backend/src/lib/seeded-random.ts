/** Re-exported for the backend's tests and benches; the implementation is runtime-free and shared. */
export { seededRandom } from '../../../shared/lib/seeded-random';
