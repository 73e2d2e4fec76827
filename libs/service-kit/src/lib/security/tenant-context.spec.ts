import { MissingTenantScopeError, TenantContext, tenantAllows, tenantOf } from './tenant-context';
import { tenantSql, tenantWhere } from './tenant-scoped.repository';

describe('TenantContext and the tenant helpers', () => {
  it('fail loudly when no tenant is in scope, so a forgotten scope never reads every organisation', () => {
    expect(() => tenantWhere()).toThrow(MissingTenantScopeError);
    expect(() => tenantSql('e.organisation_id', [])).toThrow(MissingTenantScopeError);
    TenantContext.open(() => expect(() => tenantWhere()).toThrow(MissingTenantScopeError));
  });

  it('scope to the bound organisation', () => {
    TenantContext.open(() => {
      TenantContext.bind({ subject: 'ana', organisationId: 'kc', roles: ['coordinator'] }, { kind: 'organisation', organisationId: 'kc' });
      expect(tenantWhere()).toEqual({ organisationId: 'kc' });
      const params: unknown[] = ['id-1'];
      expect(tenantSql('e.organisation_id', params)).toBe('e.organisation_id = $2');
      expect(params).toEqual(['id-1', 'kc']);
      expect(tenantAllows('kc')).toBe(true);
      expect(tenantAllows('berlin')).toBe(false);
    });
  });

  it('let a platform admin and system work see every organisation', () => {
    expect(tenantOf({ subject: 'root', organisationId: null, roles: ['platform-admin'] })).toEqual({ kind: 'all', reason: 'platform-admin' });
    TenantContext.runAsSystem(() => {
      expect(tenantWhere()).toEqual({});
      expect(tenantSql('x', [])).toBe('TRUE');
    });
  });

  it('adopts the organisation of a capability only when nothing is bound yet', () => {
    TenantContext.open(() => {
      TenantContext.adopt('kc');
      expect(TenantContext.require()).toEqual({ kind: 'organisation', organisationId: 'kc' });
      TenantContext.adopt('berlin');
      expect(TenantContext.require()).toEqual({ kind: 'organisation', organisationId: 'kc' });
    });
  });

  it('keeps concurrent requests apart', async () => {
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((org) =>
        TenantContext.open(async () => {
          TenantContext.bind(null, { kind: 'organisation', organisationId: org });
          await new Promise((resolve) => setTimeout(resolve, 5));
          return (TenantContext.require() as { organisationId: string }).organisationId;
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b', 'c']);
  });
});
