// The rule lives with the campaign (its preview shows the subject too); the sender uses the same one.
export { followUpSubject } from '../../campaigns/follow-up-subject';
