// A scene as PNG (EX-1): its SVG drawn onto a canvas at twice the board's size (at most 4096 px a
// side), white underneath. The SVG has no external content, so the canvas stays readable.
import { sceneToSvg } from "./svg";
import type { Scene } from "./scene";

const MAX_SIDE = 4096;

export async function sceneToPng(scene: Scene): Promise<Blob> {
  const svg = new Blob([sceneToSvg(scene)], { type: "image/svg+xml" });
  const url = URL.createObjectURL(svg);
  try {
    const img = new Image();
    img.decoding = "async";
    img.src = url;
    await img.decode();
    const scale = Math.min(2, MAX_SIDE / Math.max(scene.view.w, scene.view.h));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(scene.view.w * scale));
    canvas.height = Math.max(1, Math.round(scene.view.h * scale));
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas in this browser");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser made no PNG"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a file to the browser's downloads (a[download] on an object URL). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
