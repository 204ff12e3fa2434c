import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  domainSplitAnalysisReadPermission,
  domainSplitCiEventCreatePermission,
} from '@internal/plugin-domain-split-common';
import {
  ExamplePermissionPolicy,
  readExamplePolicyOptions,
} from './permissionPolicy';

function userIn(...groups: string[]): PolicyQueryUser {
  const userEntityRef = 'user:default/someone';
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

const config = (examplePolicy: unknown) =>
  new ConfigReader({ permission: { examplePolicy } } as any);

describe('ExamplePermissionPolicy', () => {
  const policy = new ExamplePermissionPolicy(
    readExamplePolicyOptions(
      config({
        restrictedTag: 'restricted',
        hiddenFromGroups: ['group:default/Contractors'],
      }),
    ),
  );

  it('hides Components tagged restricted from members of the configured groups', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      userIn('group:default/contractors'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        not: {
          allOf: [
            {
              rule: 'IS_ENTITY_KIND',
              resourceType: 'catalog-entity',
              params: { kinds: ['Component'] },
            },
            {
              rule: 'HAS_METADATA',
              resourceType: 'catalog-entity',
              params: { key: 'tags', value: 'restricted' },
            },
          ],
        },
      },
    });
  });

  it('lets everyone else read the catalog and the analysis', async () => {
    expect(
      await policy.handle(
        { permission: catalogEntityReadPermission },
        userIn('group:default/orders-team'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle(
        { permission: domainSplitAnalysisReadPermission },
        userIn('group:default/contractors'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('refuses CI posts to people and leaves them to service tokens', async () => {
    expect(
      await policy.handle(
        { permission: domainSplitCiEventCreatePermission },
        userIn(),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle({ permission: domainSplitCiEventCreatePermission }),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows everything it does not restrict when nothing is configured', async () => {
    const open = new ExamplePermissionPolicy(
      readExamplePolicyOptions(new ConfigReader({})),
    );
    expect(
      await open.handle(
        { permission: catalogEntityReadPermission },
        userIn('group:default/contractors'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('refuses unknown or bad config at start-up, naming the key', () => {
    expect(() =>
      readExamplePolicyOptions(config({ restrictedTags: 'restricted' })),
    ).toThrow(
      'Unknown config key permission.examplePolicy.restrictedTags; known keys: restrictedTag, hiddenFromGroups',
    );
    expect(() =>
      readExamplePolicyOptions(
        config({ restrictedTag: 'x', hiddenFromGroups: ['user:default/a'] }),
      ),
    ).toThrow(
      'permission.examplePolicy.hiddenFromGroups: "user:default/a" is not a group reference',
    );
    expect(() =>
      readExamplePolicyOptions(config({ hiddenFromGroups: ['contractors'] })),
    ).toThrow('permission.examplePolicy.restrictedTag is not');
    expect(() =>
      readExamplePolicyOptions(config({ restrictedTag: 'Not A Tag' })),
    ).toThrow('permission.examplePolicy.restrictedTag "Not A Tag"');
  });
});
