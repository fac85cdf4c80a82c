/** Events, attendance and person profiles. */
export const eventErrors = {
  EVENT_TYPE_UNKNOWN: { httpStatus: 400, message: 'The event type is not one of the known types.' },
  EVENT_GENDER_INVALID: {
    httpStatus: 400,
    message: 'The gender value is not one of kvinna, man, annat, vill_ej_uppge.',
  },
  EVENT_ROLE_INVALID: { httpStatus: 400, message: 'The role is not one of the known participant roles.' },
  EVENT_MUNICIPALITY_UNKNOWN: {
    httpStatus: 400,
    message: 'The municipality code is not one of the 290 SCB kommunkoder.',
  },
  EVENT_INPUT_INVALID: { httpStatus: 400, message: 'The event is not valid.' },
  EVENT_ROSTER_INVALID: {
    httpStatus: 400,
    message: 'The attendance roster has invalid rows; nothing was imported.',
  },
  EVENT_ROSTER_UNREADABLE: { httpStatus: 400, message: 'The attendance roster file cannot be read.' },
  EVENT_CHECKIN_LINK_INVALID: {
    httpStatus: 404,
    message: 'The check-in link is not valid (wrong signature, damaged, or its event is gone).',
  },
  EVENT_CHECKIN_LINK_EXPIRED: {
    httpStatus: 410,
    message: 'The check-in link has expired; ask for a new one.',
  },
  EVENT_CHECKIN_NOT_OPEN: {
    httpStatus: 403,
    message: 'The check-in link opens one hour before the event starts.',
  },
  EVENT_INVITATION_INVALID: {
    httpStatus: 400,
    message: 'The event invitation is not valid; nobody was invited.',
  },
  EVENT_CHECKIN_RATE_LIMITED: {
    httpStatus: 429,
    message: 'Too many check-ins from one address in a short time; wait a few minutes.',
  },
  EVENT_PERSON_ERASED: { httpStatus: 409, message: 'The person has been erased; their data is gone.' },
  EVENT_PERSON_ERASE_UNCONFIRMED: {
    httpStatus: 400,
    message: 'Erasing a person cannot be undone; confirm it (--yes on the command line).',
  },
} as const;
