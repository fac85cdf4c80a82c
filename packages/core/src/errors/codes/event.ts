/** Events, attendance and person profiles. */
export const eventErrors = {
  EVENT_TYPE_UNKNOWN: { httpStatus: 400, message: 'The event type is not one of the known types.' },
  EVENT_GENDER_INVALID: {
    httpStatus: 400,
    message: 'The gender value is not one of kvinna, man, annat, vill_ej_uppge.',
  },
  EVENT_ROLE_INVALID: { httpStatus: 400, message: 'The role is not one of the known participant roles.' },
} as const;
