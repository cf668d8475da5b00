/** Which peers run at which sizes, how often, and how long a process may take. */

export const SIZES = [1000, 4032, 20000, 100000] as const;

export interface PeerPlan {
  name: string;
  label: string;
  /** Timed repetitions per size, in the order of SIZES. */
  reps: number[];
  runtime: 'node' | 'python';
  /** Prophet's uncertainty_samples (python peers only). */
  samples?: number;
}

export const PEER_PLANS: PeerPlan[] = [
  { name: 'foresight', label: 'Foresight (Node)', reps: [50, 30, 10, 5], runtime: 'node' },
  { name: 'augurs-mstl', label: 'augurs MSTL (WASM)', reps: [10, 10, 5, 3], runtime: 'node' },
  { name: 'augurs-prophet', label: 'augurs Prophet (wasmstan)', reps: [5, 5, 3, 1], runtime: 'node' },
  {
    name: 'prophet-nosamples',
    label: 'Prophet, uncertainty_samples=0',
    reps: [10, 10, 5, 3],
    runtime: 'python',
    samples: 0,
  },
  { name: 'prophet', label: 'Prophet, defaults (1,000 samples)', reps: [5, 5, 3, 1], runtime: 'python', samples: 1000 },
];

/** A process (one peer, one size, all its repetitions) is stopped after this long. */
export const PROCESS_TIMEOUT_MS = 20 * 60_000;
