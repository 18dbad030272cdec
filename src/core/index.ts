export type { Model, Named, Tagged } from './model.ts';
export type { Global, Message, NodeId, NodeProtocol, Receive, Step, Variant } from './protocol.ts';
export type { Bag, BagEntry } from './bag.ts';
export { bagAdd, bagCount, bagRemove, bagSize, emptyBag } from './bag.ts';
export { canonical } from './canonical.ts';
export { setAdd, setHas, setOf, setRemove, subsets } from './set.ts';
export { committedIndex, isJointMajority, isMajority, quorumsIntersect } from './quorum.ts';
export { UsageError } from './errors.ts';
