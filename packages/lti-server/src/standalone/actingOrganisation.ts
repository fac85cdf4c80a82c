import { AppError, isAppError, type Organisation, type Stores } from '@kompetenta/core';
import { html, type Html } from '../pages/layout';
import type { Principal } from '../session/sessionContext';

/**
 * The organisation whose admin pages a request acts on. An organisation admin always acts on
 * their own: naming another one (by URL or by form value) is SESSION_ACCESS_DENIED. Programme
 * staff are not tied to one organisation and may name any (an unknown id is STORE_RECORD_NOT_FOUND,
 * a 404); without a name they act on their own (the programme's).
 */
export async function actingOrganisation(
  stores: Stores,
  principal: Principal,
  requested: unknown,
): Promise<Organisation> {
  const wanted = typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : undefined;
  if (requested !== undefined && typeof requested !== 'string')
    throw new AppError('SESSION_ACCESS_DENIED', 'The organisation must be named once.');
  if (wanted === undefined || wanted === principal.organisationId)
    return stores.organisations.get(principal.organisationId);
  if (principal.access !== 'programme_staff')
    throw new AppError(
      'SESSION_ACCESS_DENIED',
      'An organisation admin acts on their own organisation only.',
      {
        organisation: wanted,
      },
    );
  try {
    return await stores.organisations.get(wanted);
  } catch (error) {
    if (isAppError(error, 'STORE_RECORD_NOT_FOUND'))
      throw new AppError('STORE_RECORD_NOT_FOUND', `There is no organisation ${wanted}.`);
    throw error;
  }
}

/** `organisation=<id>` to keep in links and forms when staff act on another organisation. */
export function organisationQuery(principal: Principal, organisation: Organisation): string {
  return organisation.id === principal.organisationId
    ? ''
    : `organisation=${encodeURIComponent(organisation.id)}`;
}

/** The hidden form field that keeps the chosen organisation on a post (empty for one's own). */
export function organisationField(principal: Principal, organisation: Organisation): Html {
  return organisation.id === principal.organisationId
    ? html``
    : html`<input type="hidden" name="organisation" value="${organisation.id}" />`;
}

/** For programme staff: a GET form that picks the organisation to act on. Nothing for admins. */
export async function organisationPicker(
  stores: Stores,
  principal: Principal,
  current: Organisation,
  action: string,
): Promise<Html> {
  if (principal.access !== 'programme_staff') return html``;
  const organisations = await stores.organisations.list();
  return html`<form method="get" action="${action}">
    <p>
      <label for="organisation-val">Organisation du arbetar med</label>
      <select id="organisation-val" name="organisation">
        ${organisations.map(
          (org) =>
            html`<option value="${org.id}" ${org.id === current.id ? html`selected` : html``}>
              ${org.name}
            </option>`,
        )}
      </select>
      <button type="submit">Visa</button>
    </p>
  </form>`;
}
