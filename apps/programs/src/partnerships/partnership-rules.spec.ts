import type { OrganisationKind } from '@diplomacy/contracts';
import { PartnershipRules } from './partnership-rules';

const US_ASSOC = '00000000-0000-4000-8000-000000000001';
const TZ_ASSOC = '00000000-0000-4000-8000-000000000002';
const LIBRARY = '00000000-0000-4000-8000-000000000003';
const kinds = new Map<string, OrganisationKind>([
  [US_ASSOC, 'sister-city-association'],
  [TZ_ASSOC, 'sister-city-association'],
  [LIBRARY, 'resource-organisation'],
]);

describe('PartnershipRules', () => {
  it('accepts two different associations, or none yet', () => {
    expect(PartnershipRules.check({ partnerCountry: 'TZ', usAssociationId: US_ASSOC, partnerAssociationId: TZ_ASSOC }, kinds)).toEqual([]);
    expect(PartnershipRules.check({ partnerCountry: 'TZ', usAssociationId: null, partnerAssociationId: null }, kinds)).toEqual([]);
  });

  it('names each broken field', () => {
    const errors = PartnershipRules.check({ partnerCountry: 'US', usAssociationId: LIBRARY, partnerAssociationId: '00000000-0000-4000-8000-000000000009' }, kinds);
    expect(errors.map((e) => e.field)).toEqual(['partnerCommunity.country', 'usAssociationId', 'partnerAssociationId']);
  });

  it('refuses the same association on both sides', () => {
    expect(PartnershipRules.check({ partnerCountry: 'TZ', usAssociationId: US_ASSOC, partnerAssociationId: US_ASSOC }, kinds).map((e) => e.field)).toEqual([
      'partnerAssociationId',
    ]);
  });
});
