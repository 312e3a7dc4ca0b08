import { LightningElement, api } from 'lwc';

export default class RecordField extends LightningElement {
    @api label;
    @api value;
}
