// The public API of the sync core.
export type * from "./api";
export { createBoardClient, SyncClient } from "./client";
export { ControlError } from "./control";
export { Items } from "./items";
export { HybridLogicalClock } from "./hlc";
export { keyBetween, keysBetween } from "./order";
export { IndexedDbPendingStore, MemoryPendingStore, defaultPendingStore } from "./pending";
export { beats, compareStamps, jsonEquals } from "./stamp";
export { backoffDelay, socketUrl, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from "./backoff";
export { randomId, replicaLockName, tabReplica, REPLICA_KEY } from "./ids";
export { helloSeat, isSeat, newSeat, personOf, samePerson, seatedReplica, seatId, seatOf, SEATED_REPLICA } from "./seat";
export { Identities, workshopIdentity, REPLICA_KEY_PREFIX, SEAT_KEY_PREFIX, type Identity } from "./identity";
export { MAX_OPS_PER_BATCH, MAX_BATCH_BYTES } from "./batches";
export { clusterBaseUrls, fetchNodeUrls, nodeList } from "./nodes";
