import { html, type Html } from '../pages/layout';

/**
 * The table markup of the dashboard pages (downloads, events, failed outbox messages): an optional
 * caption, one header row of column headings (`scope="col"`), then the rows as the page made them.
 */
export function dashboardTable(input: {
  readonly caption?: string;
  readonly columns: readonly (string | Html)[];
  readonly rows: readonly Html[];
}): Html {
  const caption =
    input.caption === undefined
      ? html``
      : html`<caption>
          ${input.caption}
        </caption>`;
  return html`<table>
    ${caption}
    <thead>
      <tr>
        ${input.columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${input.rows}
    </tbody>
  </table>`;
}
