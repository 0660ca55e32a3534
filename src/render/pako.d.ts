/** The one function of pako (1.x, JSZip's deflater) that stable-zip.ts uses; pako is CommonJS. */
declare module 'pako' {
  const pako: { deflateRaw(data: Uint8Array, options?: { level?: number }): Uint8Array };
  export default pako;
}
