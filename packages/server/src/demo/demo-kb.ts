import { createKbArticle, setKbArticleStatus, type CoreDeps, type KbArticleInput } from '@rtc-console/core';

/** The demo's FAQ: the questions RTC customers ask most, each in English and Chinese, linked as translations. */
const DEMO_KB: Array<{ en: KbArticleInput; zh: KbArticleInput; draft?: boolean }> = [
  {
    en: {
      title: 'How to fix echo during calls (acoustic echo cancellation)',
      body: 'If the other side hears **their own voice** back, echo cancellation is off or the device plays too loud.\n\n1. Keep AEC on: use the default audio scenario.\n2. Ask users to wear headphones.\n3. Keep the speaker volume below 80%.\n4. Avoid two devices in the same room joining the same channel.',
      category: 'Audio', tags: ['echo', 'AEC'], language: 'en', product: 'rtc',
    },
    zh: {
      title: '通话中有回声怎么办（回声消除）',
      body: '对方能听到**自己的声音**，通常是回声消除没有开启，或者设备外放音量过大。\n\n1. 保持回声消除（AEC）开启：使用默认音频场景。\n2. 建议用户佩戴耳机。\n3. 将扬声器音量调低到 80% 以下。\n4. 避免同一房间内两台设备加入同一频道。',
      category: '音频', tags: ['回声', 'AEC'], language: 'zh-CN', product: 'rtc',
    },
  },
  {
    en: {
      title: 'Screen sharing shows a black screen',
      body: 'Viewers see a black screen when the sharing app has no *Screen Recording* permission (macOS) or the shared window is minimised.\n\n- macOS: System Settings → Privacy & Security → Screen Recording, allow the app, restart it.\n- Windows: share the whole screen if a hardware-accelerated window stays black.',
      category: 'Video', tags: ['screen sharing', 'black screen'], language: 'en', product: 'rtc',
    },
    zh: {
      title: '屏幕共享黑屏',
      body: '观众看到黑屏，通常是共享端没有**屏幕录制**权限（macOS），或者被共享的窗口已最小化。\n\n- macOS：系统设置 → 隐私与安全性 → 屏幕录制，允许该应用后重启。\n- Windows：硬件加速的窗口黑屏时，改为共享整个屏幕。',
      category: '视频', tags: ['屏幕共享', '黑屏'], language: 'zh-CN', product: 'rtc',
    },
  },
  {
    en: {
      title: 'Joining fails with "token expired"',
      body: 'A token is valid until the expiry set when it was generated. Renew it before then: handle `onTokenPrivilegeWillExpire` and call `renewToken` with a fresh token from your server. Check the server clock too: a clock that runs late makes new tokens look expired.',
      category: 'Authentication', tags: ['token', 'App Certificate'], language: 'en', product: 'rtc',
    },
    zh: {
      title: '加入频道失败：Token 过期',
      body: 'Token 在生成时设定的有效期内有效。请在过期前更新：监听 `onTokenPrivilegeWillExpire` 回调，并从服务端获取新的 Token 调用 `renewToken`。同时检查服务器时间：时钟偏慢会让新生成的 Token 看起来已过期。',
      category: '鉴权', tags: ['Token', 'App 证书'], language: 'zh-CN', product: 'rtc',
    },
  },
  {
    en: {
      title: 'No audio: the remote user cannot be heard',
      body: 'Check, in order: the remote user has not muted the microphone; the right playback device is selected; the browser allowed autoplay (play after a click); the volume of the remote stream is not 0.',
      category: 'Audio', tags: ['no audio', 'microphone'], language: 'en', product: 'rtc',
    },
    zh: {
      title: '听不到声音：无法听到远端用户',
      body: '依次检查：远端用户没有关闭麦克风；选择了正确的播放设备；浏览器允许自动播放（在用户点击后播放）；远端音量不为 0。',
      category: '音频', tags: ['无声', '麦克风'], language: 'zh-CN', product: 'rtc',
    },
  },
  {
    en: {
      title: 'Poor network quality: stutter and blurry video',
      body: 'Stutter and blur usually come from a poor network. Watch `onNetworkQuality` for uplink and downlink quality, turn on dual-stream mode so weak receivers get the low stream, and lower the video profile for weak senders.',
      category: 'Network', tags: ['network quality', 'stutter'], language: 'en', product: 'rtc',
    },
    zh: {
      title: '网络质量差导致卡顿、画面模糊',
      body: '卡顿和画面模糊通常由网络质量差引起。通过 `onNetworkQuality` 回调查看上下行网络质量，开启双流模式让弱网接收端订阅小流，并为弱网发送端降低视频分辨率。',
      category: '网络', tags: ['网络质量', '卡顿'], language: 'zh-CN', product: 'rtc',
    },
  },
  {
    draft: true,
    en: {
      title: 'Cloud recording stops after a while',
      body: 'A recording ends on its own when nobody has been in the channel for `maxIdleTime` seconds (30 by default). Raise it in the start request if hosts leave and come back.',
      category: 'Recording', tags: ['cloud recording'], language: 'en', product: 'cloud-recording',
    },
    zh: {
      title: '云端录制一段时间后自动停止',
      body: '频道内无人的时间超过 `maxIdleTime` 秒（默认 30）时，录制会自动结束。如果主播会离开后再回来，请在开始录制的请求中调大该值。',
      category: '录制', tags: ['云端录制'], language: 'zh-CN', product: 'cloud-recording',
    },
  },
];

/** Writes the demo's FAQ through the knowledge base's own service, translations linked, the last pair left as drafts. */
export async function seedDemoKnowledgeBase(deps: CoreDeps): Promise<void> {
  const actor = { userId: null, label: 'demo' };
  for (const pair of DEMO_KB) {
    const en = await createKbArticle(deps, actor, pair.en);
    const zh = await createKbArticle(deps, actor, { ...pair.zh, translationId: en.id });
    if (pair.draft) continue;
    for (const id of [en.id, zh.id]) await setKbArticleStatus(deps, actor, id, 'published');
  }
}

