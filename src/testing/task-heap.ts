// The clock's queue of due work as a binary heap: thousands of groups each schedule a few
// steps, and a sorted array's insert and shift would cost O(n) per task.

/** A task due at `at`; `seq` keeps tasks due at the same moment in the order given. */
export interface Task {
  at: number;
  seq: number;
  run: (at: number) => void;
}

const before = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** A min-heap of tasks, earliest (then first scheduled) on top. */
export class TaskHeap {
  private readonly items: Task[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Task | undefined {
    return this.items[0];
  }

  push(task: Task): void {
    const items = this.items;
    let i = items.push(task) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, items[parent] as Task)) break;
      items[i] = items[parent] as Task;
      i = parent;
    }
    items[i] = task;
  }

  pop(): Task | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && before(items[right] as Task, items[left] as Task) ? right : left;
      if (!before(items[child] as Task, last)) break;
      items[i] = items[child] as Task;
      i = child;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
