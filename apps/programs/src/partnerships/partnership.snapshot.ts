import type { PartnershipSnapshotV1 } from '@diplomacy/contracts';
import type { PartnershipEntity } from './partnership.entity';

export function partnershipSnapshot(p: PartnershipEntity): PartnershipSnapshotV1 {
  return {
    partnershipId: p.id,
    managedBy: p.managedBy,
    usCommunity: { name: p.usCommunityName, kind: p.usCommunityKind, state: p.usState },
    partnerCommunity: { name: p.partnerCommunityName, country: p.partnerCountry },
    establishedOn: p.establishedOn,
    focusAreas: p.focusAreas,
    status: p.status,
    usAssociationId: p.usAssociationId,
    partnerAssociationId: p.partnerAssociationId,
    version: p.version,
  };
}
