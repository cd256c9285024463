import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';

import { ptBRDomainMessages } from '@/lib/i18n/messages/domain';
import enAttachMessages from '@/lib/i18n/messages/en/attach.json';
import ptAttach from '@/lib/i18n/messages/pt-BR/attach.json';

import {
  parseComputeId,
  attachRequestSchema,
  attachRequestSchemaFor,
  buildAttachAzCommand,
  buildAttachBicep,
  buildComputeBody,
  fieldsTheCliCannotSet,
  formatComputeId,
  isComputeName,
  parseWorkspaceId,
  type AttachRequest,
  type AttachRequestInput,
  type AttachText,
} from './attach';

const portuguese: AttachText = createTranslator({ locale: 'pt-BR', messages: { ...ptBRDomainMessages, attach: ptAttach } }) as never;

const SUB = '34adfa4f-cedf-4dc0-ba29-b6d1a69ab345';
const CLUSTER_ID = `/subscriptions/${SUB}/resourcegroups/testrg123/providers/Microsoft.ContainerService/managedClusters/compute123-56826-c9b00420020b2`;
const WORKSPACE_ID = `/subscriptions/${SUB}/resourceGroups/testrg123/providers/Microsoft.MachineLearningServices/workspaces/workspaces123`;
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/testrg123/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-jobs`;

function request(overrides: Partial<AttachRequestInput> = {}): AttachRequestInput {
  return { clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID, name: 'compute123', ...overrides };
}

function parsed(overrides: Partial<AttachRequestInput> = {}): AttachRequest {
  return attachRequestSchema.parse(request(overrides));
}

/** `path -> message` of every issue. */
function issues(input: unknown, schema = attachRequestSchema): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('compute names (2 to 16, letter first, letter or digit last)', () => {
  it.each(['ab', 'k8s', 'compute123', 'K8s-Compute', 'a234567890123456', 'gpu-1'])('accepts %s', (name) => {
    expect(isComputeName(name)).toBe(true);
    expect(issues(request({ name }))).toEqual({});
  });

  it.each(['a', '1abc', '-abc', 'abc-', 'a2345678901234567', 'my_compute', 'my.compute', 'cpu cluster', ''])('refuses %j at the name field', (name) => {
    expect(isComputeName(name)).toBe(false);
    expect(issues(request({ name }))).toEqual({ name: expect.stringContaining('2 to 16') });
  });
});

describe('namespace (a DNS-1123 label, default `default`)', () => {
  it('defaults to default', () => {
    expect(parsed().namespace).toBe('default');
  });

  it.each(['azureml', 'team-a', 'a', 'x'.repeat(63)])('accepts %s', (namespace) => {
    expect(parsed({ namespace }).namespace).toBe(namespace);
  });

  it.each(['Team', 'team_a', '-a', 'a-', 'a.b', '', 'x'.repeat(64)])('refuses %j', (namespace) => {
    expect(Object.keys(issues(request({ namespace })))).toEqual(['namespace']);
  });
});

describe('identity: none, system-assigned, or user-assigned (never both)', () => {
  it('is optional and may be None or SystemAssigned', () => {
    expect(parsed().identity).toBeUndefined();
    expect(parsed({ identity: { type: 'None' } }).identity).toEqual({ type: 'None' });
    expect(parsed({ identity: { type: 'SystemAssigned' } }).identity).toEqual({ type: 'SystemAssigned' });
  });

  it('takes one or more user-assigned ids', () => {
    const second = IDENTITY.replace('uai-jobs', 'uai-data');
    expect(parsed({ identity: { type: 'UserAssigned', userAssignedIdentities: [IDENTITY, second] } }).identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: [IDENTITY, second] });
  });

  it('refuses both at once, in either spelling', () => {
    expect(Object.keys(issues(request({ identity: { type: 'SystemAssigned,UserAssigned' } as never })))).toEqual(['identity.type']);
    const both = issues(request({ identity: { type: 'SystemAssigned', userAssignedIdentities: [IDENTITY] } as never }));
    expect(Object.values(both)).toEqual([expect.stringContaining('cannot have a system-assigned and user-assigned identities together')]);
  });

  it('keys id problems by the list entry', () => {
    expect(issues(request({ identity: { type: 'UserAssigned', userAssignedIdentities: [] } }))).toEqual({ 'identity.userAssignedIdentities': 'Add at least one user-assigned identity.' });
    expect(issues(request({ identity: { type: 'UserAssigned', userAssignedIdentities: [IDENTITY, 'uai-jobs'] } }))).toEqual({ 'identity.userAssignedIdentities.1': expect.stringContaining("'uai-jobs' is not a user-assigned identity id") });
    expect(issues(request({ identity: { type: 'UserAssigned', userAssignedIdentities: [IDENTITY, IDENTITY.toUpperCase()] } }))).toEqual({ 'identity.userAssignedIdentities.1': expect.stringContaining('listed twice') });
  });
});

describe('the rest of the request', () => {
  it('needs a cluster id and a workspace id', () => {
    expect(issues(request({ clusterId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/z', workspaceId: 'workspaces123' }))).toEqual({
      clusterId: 'Pick an AKS or Arc-enabled Kubernetes cluster.',
      workspaceId: expect.stringContaining('Pick an Azure Machine Learning workspace'),
    });
  });

  it('reads an empty default instance type as none, and refuses a non-Kubernetes name', () => {
    expect(parsed({ defaultInstanceType: '' }).defaultInstanceType).toBeUndefined();
    expect(parsed({ defaultInstanceType: 'gpu.large' }).defaultInstanceType).toBe('gpu.large');
    expect(Object.keys(issues(request({ defaultInstanceType: 'GPU_Large' })))).toEqual(['defaultInstanceType']);
  });

  it('writes no message of zod own', () => {
    expect(issues({ clusterId: 1, workspaceId: null, name: [] })).toEqual({
      clusterId: 'This value is not valid here.',
      workspaceId: 'This value is not valid here.',
      name: 'This value is not valid here.',
    });
  });

  it('speaks Portuguese when asked', () => {
    expect(issues(request({ name: 'a' }), attachRequestSchemaFor(portuguese))).toEqual({ name: expect.stringContaining('O nome da computação deve ter de 2 a 16') });
  });
});

describe('workspace and compute ids', () => {
  it('parses case-insensitively and formats in ARM casing', () => {
    const workspace = parseWorkspaceId(WORKSPACE_ID.toLowerCase());
    expect(workspace).toEqual({ subscriptionId: SUB, resourceGroup: 'testrg123', name: 'workspaces123' });
    expect(formatComputeId(workspace!, 'compute123')).toBe(`${WORKSPACE_ID}/computes/compute123`);
    expect(parseWorkspaceId(`${WORKSPACE_ID}/computes/x`)).toBeNull();
    expect(parseWorkspaceId(WORKSPACE_ID.replace('workspaces123', '..'))).toBeNull();
  });
});

/**
 * `parameters.parameters` of the 2022-10-01 spec example "Attach a Kubernetes Compute"
 * (examples/Compute/createOrUpdate/KubernetesCompute.json), copied as it is.
 */
const SPEC_EXAMPLE_BODY = {
  location: 'eastus',
  properties: {
    description: 'some compute',
    resourceId: CLUSTER_ID,
    computeType: 'Kubernetes',
    properties: {
      namespace: 'default',
      defaultInstanceType: 'defaultInstanceType',
      instanceTypes: {
        defaultInstanceType: {
          nodeSelector: null,
          resources: {
            requests: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': null },
            limits: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': null },
          },
        },
      },
    },
  },
};

describe('buildComputeBody', () => {
  it('is the spec example "Attach a Kubernetes Compute", field for field', () => {
    const example = SPEC_EXAMPLE_BODY;
    const body = buildComputeBody(parsed({ description: 'some compute', defaultInstanceType: 'defaultInstanceType'.toLowerCase() }), { location: 'eastus' }, {
      instanceTypes: example.properties.properties.instanceTypes,
    });
    // The example names its default `defaultInstanceType`; a Kubernetes name is lowercase, so compare the rest.
    expect({ ...body, properties: { ...body.properties, properties: { ...body.properties.properties, defaultInstanceType: 'defaultInstanceType' } } }).toEqual({
      ...example,
      properties: { ...example.properties, resourceId: CLUSTER_ID.replace('resourcegroups', 'resourceGroups') },
    });
  });

  it('sends the minimum: location, cluster, namespace', () => {
    expect(buildComputeBody(parsed(), { location: 'westeurope' })).toEqual({
      location: 'westeurope',
      properties: { resourceId: CLUSTER_ID.replace('resourcegroups', 'resourceGroups'), computeType: 'Kubernetes', properties: { namespace: 'default' } },
    });
  });

  it('writes identities as ARM takes them; None is left out', () => {
    expect(buildComputeBody(parsed({ identity: { type: 'SystemAssigned' } }), { location: 'eastus' }).identity).toEqual({ type: 'SystemAssigned' });
    expect(buildComputeBody(parsed({ identity: { type: 'UserAssigned', userAssignedIdentities: [IDENTITY] } }), { location: 'eastus' }).identity).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [IDENTITY]: {} },
    });
    expect(buildComputeBody(parsed({ identity: { type: 'None' } }), { location: 'eastus' })).not.toHaveProperty('identity');
  });
});

describe('buildAttachAzCommand', () => {
  it('is the documented az ml compute attach, with the workspace subscription', () => {
    expect(buildAttachAzCommand(parsed({ identity: { type: 'SystemAssigned' }, namespace: 'team-a' }))).toBe(
      [
        'az ml compute attach --resource-group testrg123',
        '--workspace-name workspaces123',
        `--subscription ${SUB}`,
        '--type Kubernetes',
        '--name compute123',
        `--resource-id ${CLUSTER_ID.replace('resourcegroups', 'resourceGroups')}`,
        '--identity-type SystemAssigned',
        '--namespace team-a',
      ].join(' \\\n  '),
    );
  });

  it('lists user-assigned identities comma-separated, quoted, and omits the identity for none', () => {
    const second = IDENTITY.replace('uai-jobs', 'uai-data');
    const command = buildAttachAzCommand(parsed({ identity: { type: 'UserAssigned', userAssignedIdentities: [IDENTITY, second] } }));
    // `,` is not shell-safe (brace expansion), so the list is single-quoted.
    expect(command).toContain(`--identity-type UserAssigned \\\n  --user-assigned-identities '${IDENTITY},${second}'`);
    expect(buildAttachAzCommand(parsed())).not.toContain('--identity-type');
  });

  it('quotes what a shell would read', () => {
    const hostile = { ...parsed(), name: "a'b$(rm -rf ~)" } as AttachRequest;
    expect(buildAttachAzCommand(hostile)).toContain(`--name 'a'\\''b$(rm -rf ~)'`);
  });

  it('says which fields it cannot set', () => {
    expect(fieldsTheCliCannotSet(parsed())).toEqual([]);
    expect(fieldsTheCliCannotSet(parsed({ description: 'x', defaultInstanceType: 'gpu' }))).toEqual(['description', 'defaultInstanceType']);
  });
});

describe('buildAttachBicep', () => {
  it('declares the workspace and the compute from the body', () => {
    const request = parsed({ identity: { type: 'UserAssigned', userAssignedIdentities: [IDENTITY] }, defaultInstanceType: 'gpu', description: "team's ${x}" });
    const bicep = buildAttachBicep(request, buildComputeBody(request, { location: 'eastus' }));
    expect(bicep).toBe(
      [
        `// Attaches ${CLUSTER_ID.replace('resourcegroups', 'resourceGroups')} as the Kubernetes compute 'compute123'.`,
        "// Deploy it to the workspace's resource group:",
        `//   az deployment group create --subscription ${SUB} --resource-group testrg123 --template-file attach-compute.bicep`,
        '',
        "resource workspace 'Microsoft.MachineLearningServices/workspaces@2022-10-01' existing = {",
        "  name: 'workspaces123'",
        '}',
        '',
        "resource compute 'Microsoft.MachineLearningServices/workspaces/computes@2022-10-01' = {",
        '  parent: workspace',
        "  name: 'compute123'",
        "  location: 'eastus'",
        '  identity: {',
        "    type: 'UserAssigned'",
        '    userAssignedIdentities: {',
        `      '${IDENTITY}': {}`,
        '    }',
        '  }',
        '  properties: {',
        "    description: 'team\\'s \\${x}'",
        `    resourceId: '${CLUSTER_ID.replace('resourcegroups', 'resourceGroups')}'`,
        "    computeType: 'Kubernetes'",
        '    properties: {',
        "      namespace: 'default'",
        "      defaultInstanceType: 'gpu'",
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('quotes keys Bicep cannot take bare and writes nulls', () => {
    const request = parsed();
    const body = buildComputeBody(request, { location: 'eastus' }, { instanceTypes: { gpu: { nodeSelector: null, resources: { requests: { cpu: '1' }, limits: { 'nvidia.com/gpu': '1' } } } } });
    const bicep = buildAttachBicep(request, body);
    expect(bicep).toContain("          'nvidia.com/gpu': '1'");
    expect(bicep).toContain('        nodeSelector: null');
  });
});

describe('the attach messages', () => {
  type Tree = { [key: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): Map<string, string> =>
    new Map(Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[prefix + key, value] as [string, string]] : [...leaves(value, `${prefix}${key}.`)])));
  const english = leaves(enAttachMessages as Tree);
  const translated = leaves(ptAttach as Tree);
  /** ICU argument names, sorted (plural bodies included). */
  const argumentsOf = (message: string): string[] => {
    const names = new Set<string>();
    const walk = (elements: MessageFormatElement[]) => {
      for (const element of elements) {
        if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
        names.add(element.value);
        if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      }
    };
    walk(parse(message));
    return [...names].sort();
  };

  // Until lib/i18n/messages/domain.ts registers the namespace, messages.test.ts does not see these.
  it('has the same keys and ICU arguments in Portuguese, every message valid and translated', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, message] of english) {
      expect(argumentsOf(translated.get(key) ?? ''), key).toEqual(argumentsOf(message));
      expect(translated.get(key), key).not.toBe(message);
    }
  });
});

describe('parseComputeId', () => {
  const workspaceId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod';
  it('splits a compute id into its workspace and name, in ARM casing', () => {
    const parsed = parseComputeId(`${workspaceId.toLowerCase()}/computes/aks-compute`);
    expect(parsed?.name).toBe('aks-compute');
    expect(parsed?.workspace).toEqual({ subscriptionId: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg-ml', name: 'mlw-prod' });
    expect(parsed?.workspaceId).toBe(workspaceId);
  });
  it('refuses anything that is not a compute of a workspace', () => {
    expect(parseComputeId(workspaceId)).toBeNull();
    expect(parseComputeId(`${workspaceId}/computes/`)).toBeNull();
    expect(parseComputeId(`${workspaceId}/computes/a/b`)).toBeNull();
    expect(parseComputeId('/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/computes/n')).toBeNull();
  });
  it('round-trips formatComputeId', () => {
    const workspace = parseWorkspaceId(workspaceId)!;
    expect(parseComputeId(formatComputeId(workspace, 'k8s-1'))).toEqual({ workspace, workspaceId, name: 'k8s-1' });
  });
});
