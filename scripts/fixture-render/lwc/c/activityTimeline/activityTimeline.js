import { LightningElement, api } from 'lwc';

export default class ActivityTimeline extends LightningElement {
    @api entries = [];
}
