export type DiffStatus = 'new' | 'removed' | 'changed' | 'same'
