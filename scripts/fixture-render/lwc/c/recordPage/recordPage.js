import { LightningElement, api } from 'lwc';

export default class RecordPage extends LightningElement {
    @api record;
    @api fields = [];
    @api owner;
    @api activity = [];
}
