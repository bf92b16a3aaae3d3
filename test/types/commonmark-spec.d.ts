// commonmark-spec ships no types: its CommonJS export is the spec text and the examples parsed from it.
declare module 'commonmark-spec' {
  export interface Example {
    /** The Markdown, with `→` standing for a tab, as in the spec. */
    markdown: string
    html: string
    section: string
    /** 1-based, as on spec.commonmark.org. */
    number: number
  }
  const spec: {text: string; tests: Example[]}
  export default spec
}
