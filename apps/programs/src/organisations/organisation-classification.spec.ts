import { OrganisationClassification } from './organisation-classification';

describe('OrganisationClassification', () => {
  it('requires a resource type for a resource organisation', () => {
    expect(OrganisationClassification.check('resource-organisation', 'library')).toEqual([]);
    expect(OrganisationClassification.check('resource-organisation', null)[0].field).toBe('resourceType');
  });

  it('refuses a resource type on anything else', () => {
    expect(OrganisationClassification.check('host-council', null)).toEqual([]);
    expect(OrganisationClassification.check('host-council', 'company')[0].field).toBe('resourceType');
    expect(OrganisationClassification.check('sister-city-association', undefined)).toEqual([]);
  });
});
