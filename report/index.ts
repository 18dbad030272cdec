// Pictures of a run: the HTML report and the sequence diagram of its trace (plain SVG, no library).
export { htmlReport } from './html.ts';
export type { ReportInput } from './html.ts';
export { sequenceSvg } from './svg.ts';
export { eventsOf } from './events.ts';
export type { Arrow, DiagramInput, Row } from './events.ts';
