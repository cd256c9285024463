'use client';

import { Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslations } from 'use-intl';

import { CopyBlock } from '@/components/deploy/copy-block';
import {
  ENDPOINT_NAME_PLACEHOLDER,
  INFERENCE_ROUTER_SERVICE,
  type DnsCheck,
  type DnsRecord,
  type InferenceEndpoint,
} from '@/lib/domain/inference-endpoint';
import { AZUREML_RELEASE_NAMESPACE } from '@/lib/domain/settings-catalog';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

type EndpointText = ReturnType<typeof useTranslations<'endpoint'>>;

/** Props of {@link InferenceEndpointCard}. */
export interface InferenceEndpointCardProps {
  /** The router's endpoint (`inferenceEndpointOf`); null when inference is off or the namespace was not read. */
  endpoint: InferenceEndpoint | null;
  /** The DNS check of `endpoint.dnsRecord` (`checkDns`), when the server made one. */
  dns?: DnsCheck;
  /** Inference is on in the extension's settings: tells "no router" from "not read yet" when `endpoint` is null. */
  routerEnabled: boolean;
}

/** The one sentence on who can reach the router. */
function reachabilityText(endpoint: InferenceEndpoint, t: EndpointText): string {
  switch (endpoint.reachability) {
    case 'public':
      return t('reachability.public');
    case 'internal':
      if (endpoint.serviceType !== 'NodePort') return t('reachability.internalLoadBalancer');
      return endpoint.nodePort === undefined ? t('reachability.nodePortUnknown') : t('reachability.nodePort', { nodePort: endpoint.nodePort });
    case 'cluster-only':
      return t('reachability.clusterOnly', { service: INFERENCE_ROUTER_SERVICE });
    case 'pending':
      return t('reachability.pending');
    default: {
      const unknown: never = endpoint.reachability;
      return unknown;
    }
  }
}

function addressText(endpoint: InferenceEndpoint, t: EndpointText): string {
  if (endpoint.address) return endpoint.address;
  if (endpoint.serviceType === 'NodePort') return t('address.anyNode');
  return endpoint.reachability === 'pending' && endpoint.serviceFound ? t('address.pending') : t('address.unknown');
}

/** What the DNS check found, as one sentence; nothing checked yet says so. */
function dnsCheckText(record: DnsRecord, dns: DnsCheck | undefined, t: EndpointText): string {
  const values = { name: record.name, value: record.value };
  switch (dns?.state) {
    case 'matches':
      return t('dns.matches', values);
    case 'points-elsewhere':
      return t('dns.pointsElsewhere', { ...values, addresses: (dns.addresses ?? []).join(', ') });
    case 'not-found':
      return t('dns.notFound', values);
    case 'not-checkable':
      return t('dns.notCheckable', values);
    default:
      return t('dns.notChecked');
  }
}

/** The record as a zone file line, what DNS providers' forms and `nsupdate` take. */
const zoneLine = (record: DnsRecord) => `${record.name}. ${record.type} ${record.type === 'CNAME' ? `${record.value}.` : record.value}`;

function DnsSection({ endpoint, dns, t }: { endpoint: InferenceEndpoint; dns?: DnsCheck; t: EndpointText }) {
  const styles = useStyles();
  const name = endpoint.sslCname;
  if (endpoint.scheme !== 'https' || !name) return null;
  const record = endpoint.dnsRecord;
  return (
    <section className={styles.section} aria-label={t('dns.title', { name })}>
      <Text weight="semibold">{t('dns.title', { name })}</Text>
      {record ? (
        <>
          <Text>{t('dns.create', { name })}</Text>
          <CopyBlock title={t('dns.recordTitle')} text={zoneLine(record)} />
          <Text role="status">{dnsCheckText(record, dns, t)}</Text>
        </>
      ) : (
        <Text>{endpoint.serviceType === 'LoadBalancer' ? t('dns.pending', { name }) : t('dns.ownLoadBalancer', { name })}</Text>
      )}
    </section>
  );
}

/**
 * How to use what was installed: the inference router's Service type, address, port and scheme,
 * who can reach it, the scoring URL's shape (copyable) and, for HTTPS with `sslCname`, the DNS
 * record to create with what the portal's resolver says about it. Plain sentences for the cases
 * with no address to give: cluster-only (ClusterIP), pending (a LoadBalancer without an address),
 * inference off.
 */
export function InferenceEndpointCard({ endpoint, dns, routerEnabled }: InferenceEndpointCardProps) {
  const styles = useStyles();
  const t = useTranslations('endpoint');
  const header = <CardHeader header={<Text as="h2" weight="semibold" size={400}>{t('title')}</Text>} />;
  if (!endpoint) {
    return (
      <Card aria-label={t('title')}>
        {header}
        <Text>{routerEnabled ? t('notRead') : t('routerOff')}</Text>
      </Card>
    );
  }
  const port = endpoint.nodePort === undefined ? String(endpoint.port) : t('port.withNodePort', { port: endpoint.port, nodePort: endpoint.nodePort });
  return (
    <Card aria-label={t('title')}>
      {header}
      <div className={styles.body}>
        {endpoint.serviceFound ? null : (
          <Text>{t('serviceNotFound', { service: INFERENCE_ROUTER_SERVICE, namespace: AZUREML_RELEASE_NAMESPACE })}</Text>
        )}
        <dl className={styles.fields} aria-label={t('fields.label')}>
          <dt className={styles.term}>{t('fields.type')}</dt>
          <dd className={styles.value}>{endpoint.serviceType}</dd>
          <dt className={styles.term}>{t('fields.address')}</dt>
          <dd className={styles.value}>{addressText(endpoint, t)}</dd>
          <dt className={styles.term}>{t('fields.port')}</dt>
          <dd className={styles.value}>{port}</dd>
          <dt className={styles.term}>{t('fields.scheme')}</dt>
          <dd className={styles.value}>{t(`scheme.${endpoint.scheme}`)}</dd>
        </dl>
        {/* Without the Service, "no address yet" is a guess: the sentence above says what is known. */}
        {endpoint.reachability === 'pending' && !endpoint.serviceFound ? null : <Text>{reachabilityText(endpoint, t)}</Text>}
        <div className={styles.section}>
          <CopyBlock title={t('scoring.title')} text={endpoint.scoringUrl} />
          <Text size={200}>{t('scoring.hint', { placeholder: ENDPOINT_NAME_PLACEHOLDER })}</Text>
        </div>
        <DnsSection endpoint={endpoint} dns={dns} t={t} />
      </div>
    </Card>
  );
}
