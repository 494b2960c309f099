import type { Directory } from "../domain/directory.ts";
import type { Db } from "./database.ts";

/**
 * Copies the directory's categories, regions and units into the database
 * (cases refer to them). Rows that already exist are left as they are, so
 * what an operator changed in the database survives a restart; new codes of
 * a replaced directory file are added. Returns how many rows were added.
 */
export async function ensureDirectory(db: Db, directory: Directory): Promise<number> {
  const [categories, regions, units] = await Promise.all([
    db.category.findMany({ select: { code: true } }),
    db.region.findMany({ select: { code: true } }),
    db.unit.findMany({ select: { id: true } }),
  ]);
  const known = new Set([
    ...categories.map((c) => `category:${c.code}`),
    ...regions.map((r) => `region:${r.code}`),
    ...units.map((u) => `unit:${u.id}`),
  ]);
  const newRegions = directory.regions
    .map((region, position) => ({ region, position }))
    .filter(({ region }) => !known.has(`region:${region.code}`));
  const newCategories = directory.categories
    .map((category, position) => ({ category, position }))
    .filter(({ category }) => !known.has(`category:${category.code}`));
  const newUnits = directory.units.filter((unit) => !known.has(`unit:${unit.id}`));

  // Three statements in one transaction, whatever the size of the directory: a start on a
  // busy server stays far within Prisma's transaction timeout (one insert per unit did not).
  await db.$transaction([
    db.region.createMany({
      data: newRegions.map(({ region, position }) => ({
        code: region.code,
        name: region.name,
        nameEn: region.nameEn,
        level: region.level,
        position,
      })),
    }),
    db.category.createMany({
      data: newCategories.map(({ category, position }) => ({
        code: category.code,
        name: category.name,
        nameEn: category.nameEn,
        department: category.department,
        caseClass: category.class,
        position,
      })),
    }),
    db.unit.createMany({
      data: newUnits.map((unit) => ({
        id: unit.id,
        name: unit.name,
        department: unit.department,
        regionCode: unit.region,
        telegramChatId: unit.telegramChatId ?? null,
        wecomUserIds: unit.wecomUserIds?.join(",") ?? null,
      })),
    }),
  ]);
  return newRegions.length + newCategories.length + newUnits.length;
}
