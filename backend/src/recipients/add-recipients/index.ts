export { addRecipients } from './add-recipients';
export { importRecipientsCsv } from './import-recipients-csv';
export { ROWS_PER_INSERT, storeRecipients, type RecipientCandidate, type StoreOutcome } from './store-recipients';
