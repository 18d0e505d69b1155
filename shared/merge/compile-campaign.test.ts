import { describe, expect, it } from 'vitest';
import { compileCampaign } from './compile-campaign';
import { missingFields } from './compile-template';
import { normaliseFields } from './fields';

const campaign = compileCampaign({
  subject: 'A note for {{ Company | your team }}',
  html: '<p>Hi {{ First Name }},</p><p><a href="https://x.example/?c={{ company }}">{{ Company }}</a></p>',
  text: 'Hi {{ first name }}, {{ city }}',
});

describe('compileCampaign', () => {
  it('renders subject, HTML and text, each in its own context', () => {
    const fields = normaliseFields({ 'First Name': 'Ada', Company: 'Tom & Jerry\nCo', City: 'Paris' });
    expect(campaign.render(fields)).toEqual({
      subject: 'A note for Tom & Jerry Co',
      html: '<p>Hi Ada,</p><p><a href="https://x.example/?c=Tom%20%26%20Jerry%0ACo">Tom &amp; Jerry\nCo</a></p>',
      text: 'Hi Ada, Paris',
      missing: [],
    });
  });

  it('reports the union of missing fields, each once', () => {
    expect(campaign.render(normaliseFields({})).missing).toEqual(['first name', 'company', 'city']);
    expect(campaign.render(normaliseFields({ company: 'Acme' })).missing).toEqual(['first name', 'city']);
  });

  it('lists every field and the required ones across the three templates', () => {
    expect(campaign.fields).toEqual(['company', 'first name', 'city']);
    expect(campaign.requiredFields).toEqual(['first name', 'company', 'city']);
  });

  it('works with missingFields for preflight', () => {
    expect(missingFields(campaign, normaliseFields({ 'first name': 'Ada', city: ' ' }))).toEqual(['company', 'city']);
  });
});
