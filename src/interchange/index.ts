// TMX, XLIFF and TBX in and out (design.md: "Memory, glossary ◄──► TMX, XLIFF, TBX").
export {writeTmx, readTmx, type TmxExportOptions, type TmxReadOptions} from './tmx.ts'
export {writeXliff, readXliff, type XliffArticle, type XliffExportOptions, type XliffSegment, type XliffVersion} from './xliff.ts'
export {writeTbx, readTbx, type TbxEntry} from './tbx.ts'
export {planImport, planXliffImport, type ImportOptions, type ImportPlan, type XliffImportOptions, type XliffImportPlan} from './import-units.ts'
export {keyTaggedSource, type InterchangeUnit} from './unit.ts'
export {taggedToInline, inlineToTagged, InlineIds, InlineCodeError, type Dialect} from './inline-codes.ts'
