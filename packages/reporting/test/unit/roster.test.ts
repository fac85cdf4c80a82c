import { expect } from 'chai';
import ExcelJS from 'exceljs';
import {
  describeRosterProblem,
  readRoster,
  requireValidRoster,
  rosterFormat,
  validateRoster,
} from '../../src/index';
import { readCsvRoster } from '../../src/roster/readRoster';

const csv = (text: string) => Buffer.from(text, 'utf8');
const check = (text: string, organisationName?: string) =>
  validateRoster(readCsvRoster(csv(text)), organisationName === undefined ? {} : { organisationName });

describe('roster reading', () => {
  it('reads comma CSV with a BOM and semicolon CSV alike, numbering rows as a spreadsheet does', () => {
    const comma = readCsvRoster(
      csv('\uFEFFnamn,e-post\r\nAnna Berg,anna@example.se\r\n\r\nBo Ek,bo@example.se\r\n'),
    );
    const semicolon = readCsvRoster(csv('namn;e-post\n"Berg, Anna";anna@example.se\n'));
    expect(comma.header).to.deep.equal(['namn', 'e-post']);
    expect(comma.rows).to.deep.equal([
      { rowNumber: 2, cells: ['Anna Berg', 'anna@example.se'] },
      { rowNumber: 4, cells: ['Bo Ek', 'bo@example.se'] },
    ]);
    expect(semicolon.rows).to.deep.equal([{ rowNumber: 2, cells: ['Berg, Anna', 'anna@example.se'] }]);
  });

  it('reads the first sheet of an XLSX workbook, e-mail hyperlinks as their text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Deltagare');
    sheet.addRow(['Namn', 'E-post', 'Kön', 'Samtycke']);
    sheet.addRow([
      'Anna Berg',
      { text: 'anna@example.se', hyperlink: 'mailto:anna@example.se' },
      'Kvinna',
      'Ja',
    ]);
    workbook.addWorksheet('Annat').addRow(['ignored']);
    const roster = await readRoster(new Uint8Array(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(roster.header).to.deep.equal(['Namn', 'E-post', 'Kön', 'Samtycke']);
    expect(roster.rows).to.deep.equal([
      { rowNumber: 2, cells: ['Anna Berg', 'anna@example.se', 'Kvinna', 'Ja'] },
    ]);
  });

  it('refuses a file that is not a workbook, and knows formats by extension', async () => {
    let code: unknown;
    await readRoster(csv('not a zip'), 'xlsx').catch((error: { code?: unknown }) => (code = error.code));
    expect(code).to.equal('EVENT_ROSTER_UNREADABLE');
    expect([rosterFormat('a.CSV'), rosterFormat('b.xlsx'), rosterFormat('c.xls')]).to.deep.equal([
      'csv',
      'xlsx',
      undefined,
    ]);
  });
});

describe('validateRoster', () => {
  it('accepts Swedish and English headings and values, empty gender as not recorded', () => {
    const result = check(
      [
        'Namn;E-post;Organisation;Roll;Kön;Samtycke;Kommun',
        'Anna Berg;anna@example.se;Föreningen Gemenskap;Handledare;Kvinna;ja;Umeå',
        'Bo Ek;bo@example.se;;Styrelseledamot/förtroendevald;vill ej uppge;Ja;2480',
        'Cia Al;cia@example.se;;;;;',
      ].join('\n'),
      'föreningen gemenskap',
    );
    expect(result.problems).to.deep.equal([]);
    expect(result.entries).to.deep.equal([
      {
        rowNumber: 2,
        name: 'Anna Berg',
        email: 'anna@example.se',
        role: 'handledare',
        gender: 'kvinna',
        consent: true,
        municipalityCode: '2480',
      },
      {
        rowNumber: 3,
        name: 'Bo Ek',
        email: 'bo@example.se',
        role: 'styrelseledamot',
        gender: 'vill_ej_uppge',
        consent: true,
        municipalityCode: '2480',
      },
      {
        rowNumber: 4,
        name: 'Cia Al',
        email: 'cia@example.se',
        role: null,
        gender: null,
        consent: false,
        municipalityCode: null,
      },
    ]);
    const english = check(
      'name,email,role,gender,consent\nDan,dan@example.se,mentor,prefer not to say,yes\n',
    );
    expect(english.entries[0]).to.include({ role: 'handledare', gender: 'vill_ej_uppge', consent: true });
  });

  it('reports every problem with its row and column and keeps no entries', () => {
    const result = check(
      [
        'namn,e-post,organisation,roll,kön,samtycke,kommun',
        'Anna Berg,anna@example,,handledare,kvinna,ja,',
        ',bo@example.se,,chef,man,nej,9999',
        'Cia Al,cia@example.se,Annan förening,,,kanske,',
        'Dan,ANNA@example.se,,,,,',
        'Eva,eva@example.se,,,kvinna,,',
        'Fia,fia@example.se,,,hen,ja,',
      ].join('\n'),
      'Föreningen Gemenskap',
    );
    expect(result.entries).to.deep.equal([]);
    expect(result.problems.map(describeRosterProblem)).to.deep.equal([
      'row 2, e-post: "anna@example" is not an e-mail address',
      'row 3, namn: is empty; every row needs a name',
      'row 3, roll: "chef" is not one of handledare, anstalld, styrelseledamot, arbetsformedlingen, kommun, forsakringskassan, ovrig (or empty)',
      'row 3, kommun: "9999" is not an SCB kommunkod or the name of a kommun',
      'row 3, kön: is given without consent (samtycke: ja)',
      'row 4, samtycke: "kanske" is not ja or nej',
      'row 4, organisation: "Annan förening" is not Föreningen Gemenskap, the organisation imported into',
      'row 6, kön: is given without consent (samtycke: ja)',
      'row 7, kön: "hen" is not one of kvinna, man, annat, vill ej uppge (or empty)',
    ]);
  });

  it('reports an e-mail that appears twice, case-insensitively', () => {
    const result = check('namn,e-post\nAnna,anna@example.se\nAnna B,Anna@Example.se\n');
    expect(result.problems.map(describeRosterProblem)).to.deep.equal([
      'row 3, e-post: Anna@Example.se is already on row 2',
    ]);
  });

  it('reports unknown, repeated and missing columns on row 1 before reading any row', () => {
    const result = check('namn,epost,email,kon ,telefon\nAnna,a@example.se,a@example.se,,070\n');
    expect(result.problems.map(describeRosterProblem)).to.deep.equal([
      'row 1, email: repeats the column e-post',
      'row 1, telefon: unknown column; the columns are namn, e-post, organisation, roll, kön, samtycke, kommun',
    ]);
    expect(check('namn\nAnna\n').problems.map(describeRosterProblem)).to.deep.equal([
      'row 1, e-post: this column is required',
    ]);
    expect(check('namn,e-post\n').problems.map(describeRosterProblem)).to.deep.equal([
      'row 2: the roster has no people',
    ]);
  });

  it('requireValidRoster throws EVENT_ROSTER_INVALID with every problem in its details', () => {
    const result = check('namn,e-post\n,x\n');
    expect(() => requireValidRoster(result))
      .to.throw('The roster has 2 problem(s) in 1 row(s); nothing was imported.')
      .with.property('details')
      .that.deep.equals({
        problems: [
          { row: 2, column: 'namn', message: 'is empty; every row needs a name' },
          { row: 2, column: 'e-post', message: '"x" is not an e-mail address' },
        ],
      });
  });
});
