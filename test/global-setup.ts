// Build dist/ once, as `npm run build` does (tsc, then the bundle bin/switchback runs), so
// that end-to-end tests run the real bin/switchback launcher.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
