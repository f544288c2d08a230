// Registers every widget with the page: Vite's glob import picks up each `crm-*.ts` of the
// widgets package, so a new widget appears in the demo the moment its registering file exists.
import.meta.glob('../packages/widgets/src/*/crm-*.ts', { eager: true });
