// Reads the WAV files engines write, without a process per clip: a RIFF walk and a conversion to mono
// 16-bit samples. Pure.

export interface PcmClip {
  sampleRate: number;
  /** Mono, signed 16-bit. */
  samples: Int16Array;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export class WavFormatError extends Error {}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The clip's samples may share memory with `bytes` (a file just read, not kept elsewhere). */
export function parseWav(bytes: Uint8Array): PcmClip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavFormatError('not a RIFF/WAVE file');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      let code = view.getUint16(body, true);
      if (code === WAVE_FORMAT_EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      format = { code, channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('data before fmt chunk');
      // Engines that stream their output write a placeholder size (0 or 0xFFFFFFFF): the data runs to the end.
      if (size === 0 || body + size > bytes.byteLength) size = bytes.byteLength - body;
      return { sampleRate: format.sampleRate, samples: toMono16(bytes.subarray(body, body + size), format) };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}

function toMono16(data: Uint8Array, format: { code: number; channels: number; bits: number }): Int16Array {
  const { channels, bits, code } = format;
  if (channels < 1) throw new WavFormatError('no channels');
  const bytesPerSample = bits / 8;
  const frames = Math.floor(data.byteLength / (bytesPerSample * channels));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = (() => {
    if (code === WAVE_FORMAT_PCM && bits === 16) return (at: number) => view.getInt16(at, true) / 32768;
    if (code === WAVE_FORMAT_PCM && bits === 8) return (at: number) => (view.getUint8(at) - 128) / 128;
    if (code === WAVE_FORMAT_PCM && bits === 24)
      return (at: number) => (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    if (code === WAVE_FORMAT_PCM && bits === 32) return (at: number) => view.getInt32(at, true) / 2147483648;
    if (code === WAVE_FORMAT_IEEE_FLOAT && bits === 32) return (at: number) => view.getFloat32(at, true);
    throw new WavFormatError(`unsupported WAV encoding (format ${code}, ${bits} bits)`);
  })();
  if (channels === 1 && code === WAVE_FORMAT_PCM && bits === 16) {
    // The common case. On a little-endian machine (every machine Node runs on in practice) the bytes are the
    // samples: a view, no copy, when they sit at an even offset, else one aligned copy.
    if (LITTLE_ENDIAN && data.byteOffset % 2 === 0) return new Int16Array(data.buffer, data.byteOffset, frames);
    const out = new Int16Array(frames);
    if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(data.subarray(0, frames * 2));
    else for (let i = 0; i < frames; i++) out[i] = view.getInt16(i * 2, true);
    return out;
  }
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read((i * channels + c) * bytesPerSample);
    out[i] = Math.max(-32768, Math.min(32767, Math.round((sum / channels) * 32767)));
  }
  return out;
}
