/**
 * A small seeded pseudo-random generator (mulberry32) for the seeders: the same seed gives the
 * same sequence on every machine, so the same seed gives the same data (DESIGN §6).
 */

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** Fisher-Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A new generator whose sequence depends only on this one's seed and `label`. */
  fork(label: string): Random {
    let h = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i += 1) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    return new Random(h >>> 0);
  }
}

/** Common surnames, roughly by frequency (all single characters). */
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛',
];

const GIVEN_FEMALE =
  '芳 娜 敏 静 丽 艳 娟 霞 秀英 桂英 玉兰 婷 雪 琳 欣怡 梓涵 佳怡 雨桐 思琪 慧 燕 红 颖 晶 倩 梦瑶 语嫣 子涵'.split(
    ' ',
  );

const GIVEN_MALE =
  '伟 强 磊 军 洋 勇 杰 涛 明 超 刚 平 辉 鹏 浩然 子轩 宇航 俊杰 志强 建华 国强 建国 文博 天佑 一鸣 博文 昊'.split(
    ' ',
  );

export function chineseName(random: Random, sex: 'female' | 'male'): string {
  return random.pick(SURNAMES) + random.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
}
