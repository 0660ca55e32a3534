// esbuild's text loader: a stylesheet imported as its text, put into a shadow root.
declare module '*.css' {
  const text: string;
  export default text;
}
