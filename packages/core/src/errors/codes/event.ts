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
} as const;
