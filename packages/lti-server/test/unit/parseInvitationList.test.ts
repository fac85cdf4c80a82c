import { expect } from 'chai';
import { parseInvitationList } from '../../src/standalone/parseInvitationList';

describe('parseInvitationList', () => {
  it('reads pasted lines and CSV (header, BOM, ; , or tab, quotes, any column order), one row per address', () => {
    const csv =
      '\uFEFFe-post;namn\r\n"anna@example.se";"Anna Andersson"\r\nBo Berg,bo@example.se\r\n\r\ncecilia@example.se\tCecilia\r\nANNA@example.se;Anna\r\ndavid@example.se\r\n';
    const result = parseInvitationList(csv);
    expect(result).to.deep.equal({
      ok: true,
      rows: [
        { row: 2, email: 'anna@example.se', name: 'Anna Andersson' },
        { row: 3, email: 'bo@example.se', name: 'Bo Berg' },
        { row: 5, email: 'cecilia@example.se', name: 'Cecilia' },
        { row: 7, email: 'david@example.se', name: null },
      ],
    });
  });

  it('reports every bad row with its number and accepts none of the list', () => {
    const result = parseInvitationList(
      'ok@example.se;Ok\nNamn utan adress\nfel@;Fel\na@example.se;b@example.se\nx@example.se;Ett;Två\n',
    );
    expect(result).to.deep.equal({
      ok: false,
      problems: [
        { row: 2, message: 'Raden saknar e-postadress.' },
        { row: 3, message: '"fel@" är inte en e-postadress.' },
        { row: 4, message: 'Raden har fler än en e-postadress.' },
        { row: 5, message: 'Raden har mer än ett namn; skriv namnet i en kolumn.' },
      ],
    });
  });

  it('refuses an empty list and a name with control characters', () => {
    expect(parseInvitationList(' \n\n')).to.deep.equal({
      ok: false,
      problems: [{ row: 0, message: 'Listan är tom.' }],
    });
    const result = parseInvitationList('a@example.se;Anna\u0007');
    expect(result.ok).to.equal(false);
  });
});
