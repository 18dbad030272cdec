export {};
import { compose, explore } from './model-check/index.ts';
import { raft } from './src/raft/index.ts';
const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));
const settings: Record<string, Record<string, string>> = {
  jointShrink3: { servers: '3', membership: 'joint', targets: 's2,s3', 'max-term': '2', 'max-log': '2', passive: 's2,s3' },
  jointGrow3: { servers: '3', membership: 'joint', voters: 's1,s2', learners: 's3', targets: 's1,s2,s3', 'max-term': '2', 'max-log': '2', passive: 's2,s3' },
  singleShrink3: { servers: '3', membership: 'single', targets: 's2,s3', 'max-term': '2', 'max-log': '2', passive: 's2,s3' },
  jointSwap4: { servers: '4', membership: 'joint', voters: 's1,s2,s3', learners: 's4', targets: 's3,s4', 'max-term': '3', 'max-log': '2', passive: 's2,s4' },
};
for (const name of process.argv.slice(2)) {
  const b = raft.build({ ...defaults, 'max-restarts': '0', drop: 'off', duplicate: 'off', ...settings[name] }, null);
  if (b.kind !== 'node') throw new Error('node');
  const c = { ...b.config, membership: { ...b.config.membership, inForceOnCommit: true } };
  const r = await explore(compose(b.protocol, c, b.network), { deadlock: false });
  console.log(name, r.verdict, r.distinct, r.generated, r.depth, r.verdict === 'violation' ? JSON.stringify(r.violation?.name ?? r) .slice(0, 200) : '');
}
