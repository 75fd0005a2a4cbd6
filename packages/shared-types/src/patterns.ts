/** The fan-out patterns, by the id their stack, state machine and datasets are known by. */
export const PATTERN_IDS = ['map-in-parallel', 'map-eventbridge-callback', 'distributed-map'] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

/** Parallel branches of map-in-parallel unless configured otherwise (the seeds' 3 slots). */
export const DEFAULT_SLOT_COUNT = 3;
