/**
 * Every module that registers worker tasks. The compute worker imports this list at start; the
 * main thread imports it only when it must run a task by name it has not seen (fallback).
 * Add one line per rules module that calls `registerWorkerTask` / `defineWorkerTask`.
 * Rule modules must import core by relative paths (not '@crmkit/core'), so the worker bundle
 * stays small and free of elements.
 */
import './builtin-tasks.js';
import '../rules/clients/tasks.js';
import '../rules/deals/tasks.js';
import './deals/tasks.js';
