import { LightningElement, api } from 'lwc';

export default class HighlightsPanel extends LightningElement {
    @api name;
    @api account;
    @api owner;
}
